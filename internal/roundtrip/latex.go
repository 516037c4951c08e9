package roundtrip

import (
	"fmt"
	"strings"
)

// LaTeX renders a paper for pdflatex: A4 in Helvetica, German hyphenation of the prose, the
// running header by fancyhdr, tables as longtables with rules (their header repeated on every
// page by \endhead; a row of a longtable never breaks across pages), the annex on landscape pages
// turned by pdflscape (the page is stored upright and rotated by /Rotate, as many producers do).
func LaTeX(p *Paper) []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w(`\documentclass[11pt,a4paper]{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage[ngerman]{babel}
\usepackage{helvet}
\renewcommand{\familydefault}{\sfdefault}
\usepackage[left=25mm,right=20mm,top=25mm,bottom=25mm,headsep=8mm]{geometry}
\usepackage{fancyhdr}
\usepackage{longtable,array,graphicx}
\usepackage{pdflscape}
\input{glyphtounicode}
\pdfgentounicode=1
\pagestyle{fancy}
\fancyhf{}
\fancyhead[L]{\footnotesize %s}
\fancyhead[R]{\footnotesize %s}
\fancyfoot[C]{\thepage}
\renewcommand{\headrulewidth}{0pt}
\setlength{\parindent}{0pt}
\setlength{\parskip}{6pt}
\setlength{\tabcolsep}{3pt}
\setlength{\LTpre}{3pt}
\setlength{\LTpost}{6pt}
\setlength{\LTleft}{0pt}
\setlength{\LTright}{\fill}
\begin{document}
`, tex(p.runningLeft()), tex(p.runningRight()))
	body(p, texFormat{&b})
	w("\\end{document}\n")
	return []byte(b.String())
}

// texFormat writes the parts of a paper as LaTeX.
type texFormat struct{ b *strings.Builder }

func (x texFormat) kind(lines []string) {
	fmt.Fprintf(x.b, "\\begin{center}\\bfseries\n%s\n\\end{center}\n\n", strings.Join(mapStrings(lines, tex), "\\\\\n"))
}

func (x texFormat) para(text string, bold bool) {
	if bold {
		fmt.Fprintf(x.b, "\\textbf{%s}\n\n", tex(text))
	} else {
		fmt.Fprintf(x.b, "%s\n\n", tex(text))
	}
}

func (x texFormat) question(n int, text string) {
	fmt.Fprintf(x.b, "\\vspace{6pt}\\hangindent=8mm\\hangafter=1\\noindent\\makebox[8mm][l]{\\textbf{%d.}}\\textbf{%s}\n\n", n, tex(text))
}

func (x texFormat) annex(a *Annex, start bool) {
	switch {
	case start:
		x.b.WriteString("\\clearpage\n")
		if a.Landscape {
			x.b.WriteString("\\begin{landscape}\n")
		}
		fmt.Fprintf(x.b, "\\begin{flushright}\\textbf{%s}\\end{flushright}\n\n", tex(a.Heading))
	case a.Landscape:
		x.b.WriteString("\\end{landscape}\n")
	}
}

func (x texFormat) below(t *Table, text string) {
	s := t.size()
	fmt.Fprintf(x.b, "{\\fontsize{%g}{%g}\\selectfont %s\\par}\n\n", s, s*1.2, strings.ReplaceAll(tex(text), "   ", "\\qquad "))
}

// table writes a table as a longtable.
func (x texFormat) table(t *Table, _ int) {
	b := x.b
	s := t.size()
	rule, bar := "", ""
	if t.Ruled {
		rule, bar = "\\hline", "|"
	}
	fmt.Fprintf(b, "{\\fontsize{%g}{%g}\\selectfont\n\\begin{longtable}{%s", s, s*1.2, bar)
	for _, x := range t.Widths {
		fmt.Fprintf(b, "p{\\dimexpr %.1fmm-2\\tabcolsep-0.4pt\\relax}%s", x, bar)
	}
	b.WriteString("}\n")
	head := latexHead(t, rule, bar)
	b.WriteString(head + "\\endfirsthead\n" + head + "\\endhead\n")
	for k, r := range t.Rows {
		for i, c := range r.Cells {
			if i > 0 {
				b.WriteString(" & ")
			}
			if t.covered(k, i) {
				continue // a cell spanning rows is printed in its first row, the rules under it left out
			}
			text := tex(c)
			if r.Bold {
				text = "\\textbf{" + text + "}"
			}
			switch {
			case alignRight(c):
				b.WriteString("\\raggedleft " + text)
			case i == 0 && r.Indent:
				b.WriteString("\\raggedright\\hspace*{3mm}" + text)
			default:
				b.WriteString("\\raggedright " + text)
			}
		}
		b.WriteString("\\tabularnewline" + t.ruleUnder(k, rule) + "\n")
	}
	b.WriteString("\\end{longtable}\n\\par}\n")
}

// ruleUnder is the rule under body row k: a full rule, or the parts of it under the cells that
// end in this row.
func (t *Table) ruleUnder(k int, rule string) string {
	if rule == "" {
		return ""
	}
	var parts strings.Builder
	all := true
	for c := range t.Widths {
		if t.last(k, c) {
			fmt.Fprintf(&parts, "\\cline{%d-%d}", c+1, c+1)
		} else {
			all = false
		}
	}
	if all {
		return rule
	}
	return parts.String()
}

// latexHead writes the header band and the unit row; a cell spanning levels is printed in its top
// level, the rules under it left out.
func latexHead(t *Table, rule, bar string) string {
	var b strings.Builder
	b.WriteString(rule + "\n")
	g, _ := t.grid()
	n := len(t.Widths)
	for lv, level := range g {
		for col := 0; col < n; {
			sl := level[col]
			if col > 0 {
				b.WriteString(" & ")
			}
			text := ""
			if sl.start {
				text = "\\textbf{" + tex(sl.cell.Text) + "}"
				if sl.cell.Turned {
					text = "\\rotatebox{90}{" + text + "\\kern4pt}" // room under the rule above
				}
			}
			span := 1
			if sl.cell.span() > 1 {
				// every level's part of a spanning cell takes its columns
				for col+span < n && level[col+span].cell == sl.cell {
					span++
				}
			}
			if span > 1 {
				left := ""
				if col == 0 {
					left = bar
				}
				fmt.Fprintf(&b, "\\multicolumn{%d}{%sc%s}{%s}", span, left, bar, text)
			} else {
				b.WriteString("\\raggedright " + text)
			}
			col += span
		}
		b.WriteString("\\tabularnewline")
		if rule != "" {
			// a rule under each cell that ends at this level
			for col := 0; col < n; col++ {
				c := level[col].cell
				top := lv
				for top > 0 && g[top-1][col].cell == c {
					top--
				}
				if top+c.rows()-1 == lv {
					fmt.Fprintf(&b, "\\cline{%d-%d}", col+1, col+1)
				}
			}
		}
		b.WriteString("\n")
	}
	if len(t.Units) > 0 {
		for i, c := range t.Units {
			if i > 0 {
				b.WriteString(" & ")
			}
			left := ""
			if i == 0 {
				left = bar
			}
			fmt.Fprintf(&b, "\\multicolumn{%d}{%sc%s}{%s}", c.span(), left, bar, tex(c.Text))
		}
		b.WriteString("\\tabularnewline" + rule + "\n")
	}
	return b.String()
}

var texEscaper = strings.NewReplacer(`\`, `\textbackslash{}`, `&`, `\&`, `%`, `\%`, `$`, `\$`, `#`, `\#`, `_`, `\_`,
	`{`, `\{`, `}`, `\}`, `~`, `\textasciitilde{}`, "\u00ad", `\-`, "©", `\textcopyright{}`, "§", `\S{}`)

// tex escapes a text for LaTeX and writes its raised markers as superscripts.
func tex(s string) string {
	return markup(s, texEscaper.Replace, func(m string) string { return "\\textsuperscript{" + m + "}" })
}

func mapStrings(s []string, f func(string) string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = f(x)
	}
	return out
}
