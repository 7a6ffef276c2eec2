def log = new File(basedir, 'build.log').text
assert log.contains('a1b2c3d4e5f6') && log.contains('c3d4e5f6a7b8')
assert log.contains('-Dmigrate.head')
assert !log.contains('at dev.migrate.')
