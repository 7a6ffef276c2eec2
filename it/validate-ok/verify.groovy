def log = new File(basedir, 'build.log').text
assert log.contains('is valid: 2 revisions, head b2c3d4e5f6a7')
assert !log.contains('embedded PostgreSQL')  // an offline goal starts no database
