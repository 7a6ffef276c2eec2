UPDATE invoices SET owner = ${schema_owner};
