def file = new File(basedir, 'src/main/migrations/d4e5f6a7b8c9_merge_heads.yaml')
assert file.isFile()
assert file.text.contains('down-revision: ["a1b2c3d4e5f6", "c3d4e5f6a7b8"]')
def log = new File(basedir, 'build.log').text
assert log =~ /d4e5f6a7b8c9.*\(head\)/
