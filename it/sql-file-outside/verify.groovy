def log = new File(basedir, 'build.log').text
assert log =~ /a1b2c3d4e5f6_grant\.yaml:4:\d+: error: the SQL file '\.\.\/\.\.\/\.\.\/secret\.txt' resolves to .*outside the changelog directory.*\[sql-file-outside-changelog\]/
assert !log.contains('hunter2')
assert !new File(basedir, 'target/migrate/upgrade.sql').exists()
assert !log.contains('at dev.migrate.')
