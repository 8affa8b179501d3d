// zh-TW drafts for ids the zh-TW catalogue lacks: OpenCC (Taiwan phrases), then Taiwan usage (「」, 列/欄, 儲存格 …)
import * as OpenCC from 'opencc-js/cn2t';
import fs from 'node:fs';
const root = 'server/src/messages/';
const zh = JSON.parse(fs.readFileSync(root + 'zh-CN.json', 'utf8'));
const tw = JSON.parse(fs.readFileSync(root + 'zh-TW.json', 'utf8'));
const conv = OpenCC.Converter({ from: 'cn', to: 'twp' });
const rep = [['“', '「'], ['”', '」'], ['單元格', '儲存格'], ['模板', '範本'], ['文本', '文字'], ['嵌套', '巢狀'], ['列表', '清單'], ['二進位制', '二進位']];
const keep = ['行政', '進行', '執行', '發行', '現行', '運行', '行為', '列出', '所列', '列舉', '另行'];
for (const [k, v0] of Object.entries(zh)) {
  if (tw[k] !== undefined) continue;
  let v = conv(v0);
  for (const [a, b] of rep) v = v.split(a).join(b);
  const saved = [];
  const hold = (s) => { saved.push(s); return `\u0000${saved.length - 1}\u0000`; };
  v = v.replace(/第 ?\{\w+\}(?:[–-]\{\w+\})? ?行/g, hold);
  for (const w of keep) v = v.split(w).join(hold(w));
  v = v.replace(/[行列]/g, (c) => (c === '行' ? '列' : '欄'));
  v = v.replace(/\u0000(\d+)\u0000/g, (_, i) => saved[+i]);
  tw[k] = v;
  console.log(k, v);
}
const sorted = Object.fromEntries(Object.keys(zh).sort().map((k) => [k, tw[k]]));
fs.writeFileSync(root + 'zh-TW.json', JSON.stringify(sorted, null, 2) + '\n');
