interface Product {
  id: number;
  title: string;
  price: number[];
  avg?: number;
  max?: number;
  min?: number;
}

// Build the new data
function* get_new_data(data: Product[]) {
  for (const item of data) {
    const prices = item.price;
    item.avg = prices.reduce((total, price) => total + price, 0) / prices.length;
    item.max = Math.max(...prices);
    item.min = Math.min(...prices);
    yield item;
  }
}

function main() {
  // Task: produce the data for a chart (max, min, avg)
  const products: Product[] = [
    { id: 2344, title: "御泥坊补水面膜", price: [89, 76, 120, 99] },
    { id: 2345, title: "御泥坊火山泥面膜", price: [30, 56, 70, 89] },
  ];

  const new_products: Product[] = [];
  for (const item of get_new_data(products)) {
    new_products.push(item);
  }
  print(new_products);
}

main();
