// The built-in demo web: the sites that answer on ports 80 and 443 without a snippet serving
// them. example.com, httpbin.org (echo), site.example (100 linked pages, some slow, some
// broken), www.biquge.cm (the seeds' novel), the home pages the seeds fetch, and two image
// hosts. Every site is a pure function of the request, so every run sees the same web.

import { httpbin } from "./demo-httpbin.js";
import { novelSite } from "./demo-novel.js";
import { deterministicBytes, htmlAnswer, htmlDocument, notFound } from "./demo-pages.js";
import { demoSite } from "./demo-site.js";
import { type HttpRequest, HttpResponse } from "./http-message.js";
import { BuiltinSite, type HttpSite, type SiteAnswer } from "./http-site.js";

function homepage(name: string, title: string, body: string, lang = "zh-CN"): BuiltinSite {
  const html = htmlDocument(title, body, lang);
  return new BuiltinSite(name, (request: HttpRequest): SiteAnswer => {
    const path = request.url.path;
    return path === "/" || path === "/index.html" ? htmlAnswer(200, html) : notFound(request);
  });
}

const EXAMPLE_BODY = `<div>
<h1>Example Domain</h1>
<p>This domain is for use in illustrative examples in documents. You may use this domain in literature without prior coordination or asking for permission.</p>
<p><a href="https://www.iana.org/domains/example">More information...</a></p>
</div>`;

function simulated(name: string, what: string): string {
  return `<p>这是 Looplab 模拟的 ${name}：${what}。沙箱里的程序碰不到真实的网络，这一页由沙箱自己的演示网站回答。</p>`;
}

const IMAGE_PATH = /\.(jpe?g|png|gif)$/i;

/** An image host: any image path answers with bytes that depend only on the path. */
function imageHost(name: string): BuiltinSite {
  return new BuiltinSite(name, (request: HttpRequest): SiteAnswer => {
    const path = request.url.path;
    if (!IMAGE_PATH.test(path)) return notFound(request);
    let hash = 0;
    for (let i = 0; i < path.length; i++) hash = (Math.imul(hash, 31) + path.charCodeAt(i)) | 0;
    const body = deterministicBytes(2000 + (Math.abs(hash) % 3000), hash);
    body.set([0xff, 0xd8, 0xff, 0xe0], 0);
    body.set([0xff, 0xd9], body.length - 2);
    return { response: new HttpResponse(200, body, { "Content-Type": "image/jpeg" }), serverTime: 0 };
  });
}

const SITES: HttpSite[] = [
  homepage("example.com", "Example Domain", EXAMPLE_BODY, "en"),
  homepage("www.example.com", "Example Domain", EXAMPLE_BODY, "en"),
  httpbin,
  demoSite,
  novelSite,
  homepage(
    "www.baidu.com",
    "百度一下，你就知道",
    `<div id="wrapper"><h1>百度一下</h1>\n<form action="/s"><input name="wd"><input type="submit" value="百度一下"></form>\n${simulated("百度", "搜索首页")}</div>`,
  ),
  homepage(
    "www.taobao.com",
    "淘宝网 - 淘！我喜欢",
    `<div class="site-nav"><h1>淘宝网</h1>\n<ul><li><a href="/market/nvzhuang">女装</a></li><li><a href="/market/nanzhuang">男装</a></li><li><a href="/market/3c">数码</a></li></ul>\n${simulated("淘宝", "购物首页")}</div>`,
  ),
  homepage(
    "www.jd.com",
    "京东(JD.COM)-正品低价、品质保障、配送及时、轻松购物！",
    `<div id="shortcut"><h1>京东</h1>\n<ul><li><a href="/phone">手机</a></li><li><a href="/computer">电脑</a></li></ul>\n${simulated("京东", "商城首页")}</div>`,
  ),
  homepage("dotnetcrazy.cnblogs.com", "逆天 - 博客园", `<h1>逆天的博客</h1>\n${simulated("博客园", "逆天的博客首页")}`),
  homepage("dunitian.cnblogs.com", "毒逆天 - 博客园", `<h1>毒逆天的博客</h1>\n${simulated("博客园", "毒逆天的博客首页")}`),
  homepage(
    "itk.org",
    "ITK | Insight Toolkit",
    `<h1>Insight Toolkit</h1>\n<p>Looplab's simulated itk.org: an open-source toolkit for image analysis.</p>`,
    "en",
  ),
  homepage("www.github.com", "GitHub", `<h1>GitHub</h1>\n<p>Looplab's simulated GitHub home page.</p>`, "en"),
  homepage("github.com", "GitHub", `<h1>GitHub</h1>\n<p>Looplab's simulated GitHub home page.</p>`, "en"),
  homepage("zhihu.com", "知乎 - 有问题，就会有答案", `<h1>知乎</h1>\n${simulated("知乎", "问答首页")}`),
  homepage("www.zhihu.com", "知乎 - 有问题，就会有答案", `<h1>知乎</h1>\n${simulated("知乎", "问答首页")}`),
  imageHost("www2.autoimg.cn"),
  imageHost("www3.autoimg.cn"),
];

const BY_NAME = new Map(SITES.map((site) => [site.name, site]));

export function demoSiteNamed(name: string): HttpSite | null {
  return BY_NAME.get(name) ?? null;
}

export function demoHostNames(): string[] {
  return [...BY_NAME.keys()].sort();
}
