def log = new File(basedir, 'build.log').text
def moved = /revision c3d4e5f6a7b8 \(add name\) was changed after it was applied \(recorded as up at [^;]+; parents then 'down-revision: b2c3d4e5f6a7', now 'down-revision: a1b2c3d4e5f6'\)/
// current and history -Dmigrate.indicateCurrent only read: they warn, naming the revision and both parents
assert (log =~ /\[WARNING\] .*c3d4e5f6a7b8_add_name\.yaml:1:1: / + moved + /; upgrade, downgrade and stamp refuse/).size() == 2
// stamp refuses, as upgrade does, and says the way out
assert log =~ moved
assert log =~ /accept it with mvn migrate:repair\. The version table was not changed\./
// repair accepts the new parents; the current after it has nothing to warn about
assert log =~ /repaired c3d4e5f6a7b8: accepted the parents 'down-revision: a1b2c3d4e5f6' \(were 'down-revision: b2c3d4e5f6a7'\)/
def afterRepair = log.substring(log.lastIndexOf('repaired c3d4e5f6a7b8'))
assert !(afterRepair =~ /was changed after it was applied/)
assert afterRepair =~ /c3d4e5f6a7b8 \(head\), add name/
