import asyncio from "asyncio";
import requests from "requests";

async function download_image(url: string) {
  // Send the network request and download the image (on the IO of downloading, switch to other tasks automatically)
  print("开始下载:", url);
  const loop = asyncio.getEventLoop();
  // The requests module does not support async operation, so a thread pool is used alongside.
  const future = loop.runInExecutor(null, requests.get, url);
  const response = await future;
  print("下载完成");
  // Save the image to a local file (the sandbox has no file system: only the file name is computed; the content stays in response.content)
  const file_name = url.split("_").at(-1);
  return [file_name, response.content];
}

const url_list = [
  "https://www3.autoimg.cn/newsdfs/g26/M02/35/A9/120x90_0_autohomecar__ChsEe12AXQ6AOOH_AAFocMs8nzU621.jpg",
  "https://www2.autoimg.cn/newsdfs/g30/M01/3C/E2/120x90_0_autohomecar__ChcCSV2BBICAUntfAADjJFd6800429.jpg",
  "https://www3.autoimg.cn/newsdfs/g26/M0B/3C/65/120x90_0_autohomecar__ChcCP12BFCmAIO83AAGq7vK0sGY193.jpg",
];
const loop = asyncio.getEventLoop();
// Since Python 3.11 asyncio.wait no longer takes coroutine objects: wrap them in Tasks with ensure_future first
const tasks = url_list.map((url) => asyncio.ensureFuture(download_image(url)));
loop.runUntilComplete(asyncio.wait(tasks));
