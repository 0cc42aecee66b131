import asyncio from "asyncio";

interface Product {
  id: number;
  title: string;
  price: number[];
  avg?: number;
  max?: number;
  min?: number;
}

// Build the new dict data
async function get_new_item(item: Product) {
  const prices = item.price;
  item.avg = prices.reduce((total, price) => total + price, 0) / prices.length;
  item.max = Math.max(...prices);
  item.min = Math.min(...prices);
  return item;
}

async function get_new_data(data: Product[]) {
  const newdata: Product[] = [];
  for (const item of data) {
    const new_item = await get_new_item(item);
    // print(new_item) # the new dict after processing
    newdata.push(new_item);
  }
  return newdata;
}

function main() {
  // Task: produce the data for a chart (max, min, avg)
  const products: Product[] = [
    { id: 2344, title: "御泥坊补水面膜", price: [89, 76, 120, 99] },
    { id: 2345, title: "御泥坊火山泥面膜", price: [30, 56, 70, 89] },
  ];
  // python 3.7
  const new_products = asyncio.run(get_new_data(products));
  print(new_products);
}

main();
