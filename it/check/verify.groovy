// migrate:check on a database this plugin built: no drift, in text and JSON. Then, in child builds
// (as quiet-stdout runs them), the same database against a changelog whose head also adds a
// column: the goal fails, text lists the difference and a summary on standard output, and JSON is
// one document with status drift and the difference in parts.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('ok: the database matches the changelog at b2c3d4e5f6a7 (head)')
def clean = new JsonSlurper().parse(new File(basedir, 'target/check.json'))
assert clean.status == 'ok'
assert clean.heads == ['b2c3d4e5f6a7']
assert clean.differences == []

def maven = new dev.migrate.it.ChildMaven(basedir, localRepositoryPath)
def plugin = maven.plugin()
def run = { List<String> args ->
  maven.run(["${plugin}:check".toString(), '-Dmigrate.directory=src/drifted',
      '-Dorg.slf4j.simpleLogger.logFile=System.err'] + args)
}

def text = run([])
assert text.code() != 0
assert text.out() == 'missing column accounts.nickname (text)\n' +
    'drift: 1 difference from the changelog at b2c3d4e5f6a7 (head)\n' : "stdout was <${text.out()}>"
assert maven.stderr().contains('the database differs from the changelog at b2c3d4e5f6a7 (head): 1 difference' +
    ' (missing column accounts.nickname (text))')

def json = run(['-Dmigrate.format=json'])
assert json.code() != 0
assert json.out().startsWith('{') && json.out().endsWith('}\n') : "stdout was <${json.out()}>"
assert (json.out() =~ /(?m)^\}$/).count == 1 : "one document only; stdout was <${json.out()}>"
def drift = new JsonSlurper().parseText(json.out())
assert drift.status == 'drift'
assert drift.heads == ['b2c3d4e5f6a7']
assert drift.differences.size() == 1
def difference = drift.differences[0]
assert difference.kind == 'missing'
assert difference.objectType == 'column'
assert difference.object == 'accounts.nickname'
assert difference.expected == 'text'
assert difference.actual == null
assert difference.message == 'missing column accounts.nickname (text)'
assert difference.failure == true
