// `mvn -q <goal>` prints exactly the goal's answer on standard output, text and JSON alike, and a
// failed JSON goal prints exactly one error document there. Run as the README says to run it in a
// pipeline: MAVEN_OPTS=-Djansi.noreset=true (Debian's Maven 3.8 otherwise appends ESC[0m) and, for a
// failure, -Dorg.slf4j.simpleLogger.logFile=System.err (Maven logs its [ERROR] lines to stdout).
import groovy.json.JsonSlurper

def maven = new dev.migrate.it.ChildMaven(basedir, localRepositoryPath)
def plugin = maven.plugin()
def run = { List<String> args -> maven.run(args) }

def expect = { String goal, List<String> args, String answer ->
  def result = run(["${plugin}:${goal}".toString()] + args)
  assert result.code() == 0 : "${goal} ${args} failed; see child-stderr.log"
  assert result.out() == answer : "${goal} ${args}: stdout was <${result.out()}>"
  assert !result.out().contains('\u001B')
}

expect('history', [], 'a1b2c3d4e5f6 -> b2c3d4e5f6a7 (head), add display name\n<base> -> a1b2c3d4e5f6, create accounts\n')
expect('heads', [], 'b2c3d4e5f6a7 (head), add display name\n')
expect('show', ['-Dmigrate.revision=b2c3'], """Rev: b2c3d4e5f6a7 (head)
Parent: a1b2c3d4e5f6
Children: none
Path: ${new File(basedir, 'src/main/migrations/b2c3d4e5f6a7_add_display_name.yaml').path}

    add display name

Operations:
    add-column (line 5)
""".toString())
expect('branches', [], '')

def sql = run(["${plugin}:sql".toString()])
assert sql.code() == 0
assert sql.out() == new File(basedir, 'target/migrate/upgrade.sql').getText('UTF-8')

def json = run(["${plugin}:history".toString(), '-Dmigrate.format=json'])
assert json.code() == 0
assert json.out().startsWith('{') && json.out().endsWith('}\n')
def doc = new JsonSlurper().parseText(json.out())
assert doc.status == 'ok'
assert doc.revisions*.id == ['b2c3d4e5f6a7', 'a1b2c3d4e5f6']

// current starts the embedded database: nothing of that may reach standard output either
assert run(["${plugin}:upgrade".toString()]).code() == 0
expect('current', [], 'b2c3d4e5f6a7 (head), add display name\n')

// a failure in JSON: one error document with the place, and the goal fails
def failed = run(["${plugin}:history".toString(), '-Dmigrate.format=json', '-Dmigrate.directory=src/broken',
    '-Dorg.slf4j.simpleLogger.logFile=System.err'])
assert failed.code() != 0
assert failed.out().startsWith('{') && failed.out().endsWith('}\n') : "stdout was <${failed.out()}>"
def error = new JsonSlurper().parseText(failed.out())
assert error.status == 'error'
assert error.error.code == 'unknown-key'
assert error.error.file.endsWith('a1b2c3d4e5f6_broken.yaml')
assert error.error.line == 11 && error.error.column == 11
assert error.error.message.contains("did you mean 'nullable'?")
