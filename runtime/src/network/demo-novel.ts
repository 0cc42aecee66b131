// www.biquge.cm, the novel site of the seeds' crawler: a book at /12/12097/ whose chapter list
// (`dd a` links) leads to chapter pages, each with its text in `#content` and links to the
// previous and next chapter. The chapter titles are the seed's; the text is Looplab's own.
// Pages are UTF-8 (the real site sent GBK). Repeated slashes in a path are tolerated.

import { htmlAnswer, htmlDocument, notFound } from "./demo-pages.js";
import type { HttpRequest } from "./http-message.js";
import { BuiltinSite, type SiteAnswer } from "./http-site.js";

export const NOVEL_PATH = "/12/12097/";

const CHAPTERS: [id: number, title: string, text: string[]][] = [
  [7563947, "新书的一些话", ["新书开张，感谢各位读者一路相伴。", "这是 Looplab 模拟站点上的示例文字，用来演示协程爬虫。"]],
  [7563949, "第一章论坛里的鬼故事。", ["深夜的宿舍里，只有手机屏幕还亮着。", "论坛首页多了一个新帖子，标题只有四个字：别回头看。"]],
  [7563950, "第二章临时讲课", ["第二天一早，班主任说今天有位老师来临时讲课。", "新老师在黑板上写下一行字，粉笔灰落了一地。"]],
  [7563951, "第三章鬼域。", ["放学的铃声响了很久，走廊却越来越长。", "窗外的天色一下子暗了下来，像被谁关了灯。"]],
  [7565568, "第四章恐怖敲门鬼", ["咚、咚、咚，门外传来三下敲门声。", "没有人回答，敲门声却一次比一次近。"]],
  [7565569, "第五章迷路", ["他沿着熟悉的小路回家，却走回了学校门口。", "手机地图上的小蓝点，一动也不动。"]],
  [7565570, "第六章厕所中的手", ["洗手池的水龙头自己打开了。", "镜子里的人影，比他慢了半拍。"]],
  [7565571, "第七章身后的脚步", ["他停下，身后的脚步声也停下。", "他再走，脚步声又跟了上来。"]],
  [7565572, "第八章奇怪的树", ["操场边多了一棵从没见过的树。", "树上挂着的不是叶子，而是一张张旧照片。"]],
  [7565573, "第九章鬼婴", ["深夜的医院走廊里传来婴儿的哭声。", "值班护士说，这层楼早就没有病人了。"]],
  [7565574, "第十章恶鬼之力", ["他发现自己能看见别人看不见的东西。", "代价是，那些东西也看见了他。"]],
  [7565575, "第十一章逐渐复苏", ["城里的怪事一天比一天多。", "新闻里却什么也没有报道。"]],
  [7565576, "第十二章宛如智障", ["同学们都笑他最近说话颠三倒四。", "只有他知道，自己是在和谁说话。"]],
  [7565577, "第十三章羊皮纸", ["旧书店的老板递给他一张发黄的羊皮纸。", "纸上的字，会在夜里自己改变。"]],
  [7565578, "第十四章诡异的纸", ["第二天，羊皮纸上只剩下一个名字。", "那是他自己的名字。"]],
];

const BOOK = "恐怖复苏";

function chapterId(index: number): number {
  return (CHAPTERS[index] as [number, string, string[]])[0];
}

function chapterPath(id: number): string {
  return `${NOVEL_PATH}${id}.html`;
}

function home(): SiteAnswer {
  const body = `<div id="main">
<h1>笔趣阁（Looplab 模拟站点）</h1>
<ul><li><a href="${NOVEL_PATH}">${BOOK}</a></li></ul>
</div>`;
  return htmlAnswer(200, htmlDocument("笔趣阁", body, "zh-CN"));
}

function chapterList(): SiteAnswer {
  const items = CHAPTERS.map(([id, title]) => `<dd><a href="${chapterPath(id)}">${title}</a></dd>`);
  const body = `<div id="info"><h1>${BOOK}</h1><p>（Looplab 模拟站点的示例书）</p></div>
<div id="list">
<dl>
<dt>《${BOOK}》正文</dt>
${items.join("\n")}
</dl>
</div>`;
  return htmlAnswer(200, htmlDocument(`${BOOK}最新章节列表`, body, "zh-CN"));
}

function chapter(index: number): SiteAnswer {
  const [, title, text] = CHAPTERS[index] as [number, string, string[]];
  const previous = index > 0 ? chapterPath(chapterId(index - 1)) : NOVEL_PATH;
  const next = index < CHAPTERS.length - 1 ? chapterPath(chapterId(index + 1)) : NOVEL_PATH;
  const body = `<div class="bookname">
<h1>${title}</h1>
<div class="bottem1"><a href="${previous}">上一章</a> <a href="${NOVEL_PATH}">章节目录</a> <a href="${next}">下一章</a></div>
</div>
<div id="content">
${text.map((paragraph) => `<p>${paragraph}</p>`).join("\n")}
</div>`;
  return htmlAnswer(200, htmlDocument(`${title}_${BOOK}`, body, "zh-CN"));
}

function answer(request: HttpRequest): SiteAnswer {
  const path = request.url.path.replace(/\/{2,}/g, "/");
  if (path === "/" || path === "/index.html") return home();
  if (path === NOVEL_PATH || path === NOVEL_PATH.slice(0, -1)) return chapterList();
  const match = /^\/12\/12097\/(\d+)\.html$/.exec(path);
  const index = match === null ? -1 : CHAPTERS.findIndex(([id]) => id === Number(match[1]));
  return index === -1 ? notFound(request) : chapter(index);
}

export const novelSite = new BuiltinSite("www.biquge.cm", answer);
