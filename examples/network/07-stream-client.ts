import asyncio from "asyncio";
import time from "time";

async function main() {
  const [reader, writer] = await asyncio.openConnection("127.0.0.1", 8080);
  writer.write("人生若只如初见,何事秋风悲画扇\n等闲变却故人心,却道故人心易变");
  const data = await reader.read(2048);
  if (data.length > 0) {
    print(data.decode("utf-8"));
  }
}

const start_time = time.time();
asyncio.run(main());
print(time.time() - start_time);
