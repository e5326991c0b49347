package graphrt

// PermissionTable holds the documented permissions of every Client method,
// in the format ParsePermissionTable reads; PermissionsFor looks a method
// up in it. In a generated package the generator writes it (in
// permissions_gen.go) from the reference pages, and tools such as docs2go
// permissions read it; this copy, for the runtime's own tests, is empty.
const PermissionTable = permissionTableMagic + "\n"
