def log = new File(basedir, 'build.log').text
assert log.contains('embedded PostgreSQL')
assert log.contains('a1b2c3d4e5f6') && log.contains('add display name')
assert log =~ /b2c3d4e5f6a7 \(head\)/
assert new File(basedir, 'target/migrate/embedded-db').isDirectory()
