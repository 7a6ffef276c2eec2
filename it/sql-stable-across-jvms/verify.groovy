def first = new File(basedir, 'target/migrate/upgrade.sql')
def second = new File(basedir, 'target2/migrate/upgrade.sql')
assert first.isFile() && second.isFile()
def text = first.getText('UTF-8')
// the whole sample is there, the merge's parents before it
assert text.contains('CREATE TABLE organizations') && text.contains('CREATE TABLE audit_logs')
assert text.indexOf('-> 28b3aef5c111') < text.indexOf('-> 5be6d128f414')
assert text.indexOf('-> 4ad5c017e313') < text.indexOf('-> 5be6d128f414')
byte[] a = first.bytes
byte[] b = second.bytes
if (!Arrays.equals(a, b)) {
  def x = text.readLines()
  def y = second.getText('UTF-8').readLines()
  int line = (0..<Math.min(x.size(), y.size())).find { x[it] != y[it] } ?: Math.min(x.size(), y.size())
  assert false : "the two JVMs wrote different scripts; first difference at line ${line + 1}:\n  ${x[line]}\n  ${y[line]}"
}
// the two runs had the options they were meant to have (-V prints the JVM's locale)
def log = new File(basedir, 'build.log').text
assert log.contains('Default locale: tr_TR') && log.contains('Default locale: en_US')
