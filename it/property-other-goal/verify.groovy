def log = new File(basedir, 'build.log').text
// a property only other goals read is a warning, and the goal runs
assert log.contains('[WARNING] -Dmigrate.message has no effect on migrate:history; it is read by migrate:merge, migrate:revision')
assert log.contains('<base> -> a1b2c3d4e5f6, create accounts')
