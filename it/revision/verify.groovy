def file = new File(basedir, 'src/main/migrations/c3d4e5f6a7b8_add_invoices_table.yaml')
assert file.isFile()
assert file.text.contains('down-revision: "b2c3d4e5f6a7"')
assert file.text.contains('message: "add invoices table"')
def log = new File(basedir, 'build.log').text
assert log.contains('is valid: 3 revisions, head c3d4e5f6a7b8')
