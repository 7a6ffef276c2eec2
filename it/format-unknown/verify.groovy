def log = new File(basedir, 'build.log').text
// a format the goal does not have is an error listing the ones it has, before any database starts
assert log.contains("migrate:current has no format 'mermaid'; use one of: text, json")
assert !log.contains('embedded PostgreSQL')
