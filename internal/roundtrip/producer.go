package roundtrip

// Producer is a PDF producer of the bench: how a paper is rendered for it.
type Producer struct {
	Name   string // "chromium", "libreoffice", "pdflatex": also the folder of its PDFs
	Ext    string // extension of the rendered source
	Render func(*Paper) []byte
}

// Producers are the independent PDF producers the bench renders every paper with.
var Producers = []Producer{
	{Name: "chromium", Ext: ".html", Render: HTML},
	{Name: "libreoffice", Ext: ".fodt", Render: FODT},
	{Name: "pdflatex", Ext: ".tex", Render: LaTeX},
}
