def log = new File(basedir, 'build.log').text
// one clear message at the operation's place
assert log =~ /b2c3d4e5f6a7_index_on_a_typo\.yaml:5:\d+: error: .*emial/
assert !log.contains('at dev.migrate.')
// the changelog is checked before any database is opened: nothing was applied, not even the valid first revision
assert !log.contains('embedded PostgreSQL')
assert !log.contains('create accounts (')
assert !new File(basedir, 'target/migrate/embedded-db').exists()
