import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text.replaceAll(/\u001B\[[0-9;]*m/, '').trim()
def doc = new JsonSlurper().parseText(log)   // the whole output is one JSON document
assert doc.status == 'ok'
assert doc.revisions*.id == ['b2c3d4e5f6a7', 'a1b2c3d4e5f6']
