// Validate YAML data files against our JSON Schemas the way an editor's tool
// does: the `yaml` package reads them as YAML 1.2, Ajv checks them with formats on.
// Usage: node validate_yaml.js SCHEMA_DIR file.yaml [...]; prints {file: [errors]}.
"use strict";
const fs = require("fs");
const path = require("path");
const YAML = require("yaml");
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats");

const [schemaDir, ...files] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validators = {};
for (const name of ["venue", "pepite", "event"]) {
  const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, `${name}.schema.json`), "utf8"));
  validators[name] = ajv.compile(schema);
}
const kind = (file) =>
  path.basename(file).startsWith("venue.") ? "venue" : file.split(path.sep).includes("pepites") ? "pepite" : "event";
const result = {};
for (const file of files) {
  const data = YAML.parse(fs.readFileSync(file, "utf8"), { version: "1.2" });
  const validate = validators[kind(file)];
  result[file] = validate(data) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`);
}
process.stdout.write(JSON.stringify(result, null, 1));
