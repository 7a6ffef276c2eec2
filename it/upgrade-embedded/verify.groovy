import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
assert log.contains('embedded PostgreSQL')
assert log.contains('a1b2c3d4e5f6') && log.contains('add display name')
assert log =~ /b2c3d4e5f6a7 \(head\)/
assert new File(basedir, 'target/migrate/embedded-db').isDirectory()
// the JSON of current has the shape the README documents: history's, with the applied revisions only
def current = new JsonSlurper().parse(new File(basedir, 'target/current.json'))
assert current.status == 'ok'
assert current.heads == ['b2c3d4e5f6a7']
assert current.revisions*.id == ['b2c3d4e5f6a7']
assert current.revisions[0].current == true && current.revisions[0].head == true
assert current.revisions[0].downRevisions == ['a1b2c3d4e5f6']
assert current.revisions[0].message == 'add display name'
assert current.revisions[0].operations == ['add-column']
