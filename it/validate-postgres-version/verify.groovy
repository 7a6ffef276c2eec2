def log = new File(basedir, 'build.log').text
assert log =~ /a1b2c3d4e5f6_create_accounts\.yaml:4:5: error: create-table with nulls-not-distinct needs PostgreSQL 15 or later, but the target is PostgreSQL 14.*\[unsupported-by-version\]/
assert !log.contains('at dev.migrate.')   // no stack trace for a user's mistake
