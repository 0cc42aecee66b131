import asyncio from "asyncio";
import requests from "requests";

async function download_image(url: string) {
  // 发送网络请求,下载图片(遇到网络下载图片的IO请求,自动化切换到其他任务)
  print("开始下载:", url);
  const loop = asyncio.getEventLoop();
  // requests模块默认不支持异步操作,所以就使用线程池来配合实现了。
  const future = loop.runInExecutor(null, requests.get, url);
  const response = await future;
  print("下载完成");
  // 图片保存到本地文件(沙箱里没有文件系统:只算出文件名,内容留在 response.content 里)
  const file_name = url.split("_").at(-1);
  return [file_name, response.content];
}

const url_list = [
  "https://www3.autoimg.cn/newsdfs/g26/M02/35/A9/120x90_0_autohomecar__ChsEe12AXQ6AOOH_AAFocMs8nzU621.jpg",
  "https://www2.autoimg.cn/newsdfs/g30/M01/3C/E2/120x90_0_autohomecar__ChcCSV2BBICAUntfAADjJFd6800429.jpg",
  "https://www3.autoimg.cn/newsdfs/g26/M0B/3C/65/120x90_0_autohomecar__ChcCP12BFCmAIO83AAGq7vK0sGY193.jpg",
];
const loop = asyncio.getEventLoop();
// Python 3.11 起 asyncio.wait 不再接受协程对象,要先用 ensure_future 包装成 Task
const tasks = url_list.map((url) => asyncio.ensureFuture(download_image(url)));
loop.runUntilComplete(asyncio.wait(tasks));
