def log = new File(basedir, 'build.log').text
assert log.contains('-Dmigrate.autogenerate is not available yet')
assert new File(basedir, 'src/main/migrations').list().length == 2
