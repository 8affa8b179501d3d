// front-matter: YAML that cannot be read, a key with a value of the wrong type, a template id that does not exist.
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { finding, type Check } from './check.js';

export const frontMatter: Check = {
  codes: ['front-matter'],
  run({ model, binding }) {
    const fm = model.frontMatter;
    if (!fm) return [];
    const out = fm.problems.map((p) => p.kind === 'syntax'
      ? finding('front-matter', p.range, { zh: `文件头 YAML 有语法错误：${p.detail}`, en: `Front matter YAML syntax error: ${p.detail}` })
      : p.detail === 'year'
        ? finding('front-matter', p.range, { zh: '“year”应为四位年份，如 2022', en: '"year" should be a four-digit year such as 2022' })
        : finding('front-matter', p.range, { zh: `“${p.key}”应为文字`, en: `"${p.key}" should be text` }));
    if (binding.unknownTemplate && fm.template) {
      const ids = BUILTIN_TEMPLATES.map((t) => t.id).join(', ');
      out.push(finding('front-matter', fm.template.range, {
        zh: `没有名为“${binding.unknownTemplate}”的模板（可用：${ids}）${binding.template ? `；已按内容识别为 ${binding.template.id}` : ''}`,
        en: `No template named "${binding.unknownTemplate}" (available: ${ids})${binding.template ? `; detected ${binding.template.id} from the content` : ''}`,
      }));
    }
    return out;
  },
};
