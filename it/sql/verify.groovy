def script = new File(basedir, 'target/migrate/upgrade.sql')
assert script.isFile()
def sql = script.text
assert sql.contains('CREATE TABLE accounts')
assert sql.contains('CREATE UNIQUE INDEX ix_accounts_email ON accounts')
assert sql.contains('ALTER TABLE accounts ADD COLUMN display_name text')
// accounts existed before the revision that adds the column; the revision that created it says nothing
assert sql.contains('-- locks public.accounts: ACCESS EXCLUSIVE (blocks reads and writes); no rewrite, no scan\nALTER TABLE accounts ADD COLUMN display_name text')
assert !sql.contains('-- locks public.accounts: SHARE')
assert sql.indexOf('-> a1b2c3d4e5f6, create accounts') < sql.indexOf('-> b2c3d4e5f6a7, add display name')
assert sql.contains('BEGIN;') && sql.contains('COMMIT;')
assert sql.contains('migrate_version')
def log = new File(basedir, 'build.log').text
assert !log.contains('embedded PostgreSQL')   // migrate:sql never opens a connection
