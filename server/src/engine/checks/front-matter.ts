// front-matter: YAML that cannot be read, a key with a value of the wrong type, a template id that does not exist.
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { finding, type Check } from './check.js';
import { msg, label } from '../message.js';

export const frontMatter: Check = {
  codes: ['front-matter'],
  run({ model, binding }) {
    const fm = model.frontMatter;
    if (!fm) return [];
    const out = fm.problems.map((p) => p.kind === 'syntax'
      ? finding('front-matter', p.range, msg('front-matter.front-matter-yaml-syntax-error', { detail: p.detail }))
      : p.detail === 'year'
        ? finding('front-matter', p.range, msg('front-matter.year-should-be-a-four'))
        : finding('front-matter', p.range, msg('front-matter.should-be-text', { key: p.key ?? '' })));
    if (binding.unknownTemplate && fm.template) {
      const ids = BUILTIN_TEMPLATES.map((t) => t.id).join(', ');
      out.push(finding('front-matter', fm.template.range, msg('front-matter.no-template-named-available', { unknownTemplate: binding.unknownTemplate, ids, detected: binding.template?.id ?? 'none' })));
    }
    return out;
  },
};
