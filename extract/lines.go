package extract

import "drucksache/extract/layout"

// Transitional: the types of package layout under their old names, while the readers and the
// parser move into packages of their own.
type (
	Line   = layout.Line
	Layout = layout.Layout
	Role   = layout.Role
	Tri    = layout.Tri
)

const (
	RoleBody       = layout.RoleBody
	RoleHeader     = layout.RoleHeader
	RolePageNumber = layout.RolePageNumber
	RoleFootnote   = layout.RoleFootnote
	RoleFooter     = layout.RoleFooter
	Unknown        = layout.Unknown
	No             = layout.No
	Yes            = layout.Yes
)
