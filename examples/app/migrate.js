// The example app's "database" migration: a tiny stand-in for a real schema change, so the release
// hooks have something to back up and restore. Usage: node migrate.js DB_FILE VERSION
// Raises the schema by one and notes which version's deploy migrated it.
import { readFileSync, writeFileSync } from 'node:fs';

const [file, version] = process.argv.slice(2);
if (!file || !version) {
  console.error('usage: node migrate.js DB_FILE VERSION');
  process.exit(2);
}
const db = JSON.parse(readFileSync(file, 'utf8'));
db.schema += 1;
db.migrations.push({ schema: db.schema, by: version });
writeFileSync(file, JSON.stringify(db, null, 2) + '\n');
console.log(`migrated ${file} to schema ${db.schema} for ${version}`);
