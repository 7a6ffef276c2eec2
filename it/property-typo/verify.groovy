def log = new File(basedir, 'build.log').text
// a mistyped property fails the goal before anything runs, naming the property meant
assert log.contains('-Dmigrate.taget is not a property of this plugin; did you mean migrate.target?')
assert log.contains('Nothing was run')
assert !log.contains('embedded PostgreSQL')
assert !new File(basedir, 'target/migrate/embedded-db').exists()
assert !log.contains('at dev.migrate.')
