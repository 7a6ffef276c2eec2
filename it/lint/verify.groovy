// migrate:lint on a revision that adds a NOT NULL column without a default to an existing table,
// creates an index without concurrently on it and drops a column: exactly those three findings,
// each with its safe way, in text (the invoker build), json and SARIF (child builds, as a pipeline
// runs them); then the reviewed changelog (drop acknowledged, a severity configured) passes, and a
// mistyped <lint><rules> fails naming the known rules.
import groovy.json.JsonSlurper

def file = 'src/main/migrations/b2c3d4e5f6a7_risky.yaml'
def expected = [[5, 'error', 'not-null-without-default'], [8, 'warning', 'index-not-concurrent'],
    [9, 'error', 'destructive-drop']]

def log = new File(basedir, 'build.log').text
def lines = log.readLines().findAll { it.startsWith(file + ':') }
assert lines.size() == 3 : "three findings; the log was <${log}>"
expected.eachWithIndex { e, i ->
  assert lines[i].startsWith("${file}:${e[0]}:5: ${e[1]}: ") && lines[i].endsWith("[${e[2]}]") : lines[i]
}
assert lines[0].contains('nullable: true') && lines[0].contains('validate-constraint') // the safe way
assert lines[1].contains('concurrently: true') && lines[1].contains('transactional: false')
assert lines[2].contains('acknowledge: [destructive-drop]')
assert log.contains('failed: 2 errors, 1 warning, 0 info, 0 acknowledged in 2 revisions')
assert log.contains("lint found 2 errors (the first at ${file}:5:5 [not-null-without-default])")
assert !log.contains('at dev.migrate.')

def maven = new dev.migrate.it.ChildMaven(basedir, localRepositoryPath)
def plugin = maven.plugin()
def run = { List<String> args ->
  maven.run(args + ['-Dorg.slf4j.simpleLogger.logFile=System.err'])
}

// json: one document on standard output, status findings, the same three findings
def json = run(["${plugin}:lint".toString(), '-Dmigrate.format=json'])
assert json.code() != 0
assert json.out().startsWith('{') && (json.out() =~ /(?m)^\}$/).count == 1 : "stdout was <${json.out()}>"
def doc = new JsonSlurper().parseText(json.out())
assert doc.status == 'findings'
assert doc.summary == [errors: 2, warnings: 1, info: 0, acknowledged: 0]
assert doc.findings.collect { [it.line, it.severity, it.rule] } == expected
doc.findings.each {
  assert it.file == file && it.column == 5 && it.revision == 'b2c3d4e5f6a7'
  assert it.risk && it.safeWay && it.acknowledged == false && it.reason == null
}

// sarif on standard output: one document, one driver rule per rule that ran, three results
def sarif = run(["${plugin}:lint".toString(), '-Dmigrate.format=sarif'])
assert sarif.code() != 0
def log21 = new JsonSlurper().parseText(sarif.out())
assert log21.version == '2.1.0' && log21.'$schema'.endsWith('sarif-schema-2.1.0.json')
def driver = log21.runs[0].tool.driver
assert driver.name == 'migrate-maven-plugin'
def rules = driver.rules.collect { it.id }
assert rules.containsAll(['not-null-without-default', 'index-not-concurrent', 'destructive-drop'])
driver.rules.each { assert it.shortDescription.text && it.fullDescription.text && it.help.text }
assert driver.rules.find { it.id == 'destructive-drop' }.defaultConfiguration.level == 'error'
def results = log21.runs[0].results
assert results.collect { [it.locations[0].physicalLocation.region.startLine, it.level, it.ruleId] } ==
    expected.collect { [it[0], it[1], it[2]] }
results.each {
  assert rules[it.ruleIndex] == it.ruleId
  assert it.locations[0].physicalLocation.artifactLocation.uri == file
  assert it.locations[0].physicalLocation.region.startColumn == 5
  assert it.message.text
  assert it.suppressions == null
}

// sarif to a file: the findings still reach the build log
def toFile = run(["${plugin}:lint".toString(), '-Dmigrate.format=sarif', '-Dmigrate.outputFile=target/lint.sarif'])
assert toFile.code() != 0 && toFile.out().isEmpty() : "stdout was <${toFile.out()}>"
assert new JsonSlurper().parse(new File(basedir, 'target/lint.sarif')).runs[0].results.size() == 3

// the reviewed changelog: a default, the drop acknowledged with its reason, the index a warning
def reviewed = run(["${plugin}:lint@reviewed".toString(), '-Dmigrate.format=sarif'])
assert reviewed.code() == 0 : "stdout was <${reviewed.out()}>"
def ok = new JsonSlurper().parseText(reviewed.out()).runs[0].results
assert ok.collect { it.ruleId } == ['index-not-concurrent', 'destructive-drop']
assert ok[0].level == 'warning' && ok[0].suppressions == null
assert ok[1].level == 'error'
assert ok[1].suppressions == [[kind: 'inSource', justification: 'no client has sent a fax since 2019']]
def reviewedText = run(["${plugin}:lint@reviewed".toString()])
assert reviewedText.code() == 0
assert reviewedText.out().contains('[destructive-drop] acknowledged: no client has sent a fax since 2019\n')
assert reviewedText.out().endsWith('ok: 0 errors, 1 warning, 0 info, 1 acknowledged in 2 revisions\n')

// a mistyped configuration: one error naming both mistakes and the known rules
def typo = run(["${plugin}:lint@typo".toString()])
assert typo.code() != 0
def err = maven.stderr()
assert err.contains("'destructiv-drop' is not a lint rule; did you mean destructive-drop?")
assert err.contains("<index-not-concurrent>: 'fatal' is not a lint severity; use one of off, info, warning, error.")
assert err.contains('The rules are: destructive-drop, ')

// an acknowledge naming no rule: an error at its operation; with sarif, still one SARIF document
def broken = run(["${plugin}:lint".toString(), '-Dmigrate.directory=src/broken', '-Dmigrate.format=sarif'])
assert broken.code() != 0
def failed = new JsonSlurper().parseText(broken.out()).runs[0]
assert failed.results == [] && failed.invocations[0].executionSuccessful == false
def notification = failed.invocations[0].toolExecutionNotifications[0]
assert notification.descriptor.id == 'unknown-lint-rule'
assert notification.message.text.startsWith("acknowledge names 'destructiv-drop', which is not a lint rule;" +
    ' did you mean destructive-drop?')
assert notification.locations[0].physicalLocation.artifactLocation.uri == 'src/broken/b2c3d4e5f6a7_typo.yaml'
assert notification.locations[0].physicalLocation.region.startLine == 5
assert maven.stderr() =~ /b2c3d4e5f6a7_typo\.yaml:5:5: error: acknowledge names 'destructiv-drop'.*\[unknown-lint-rule\]/
