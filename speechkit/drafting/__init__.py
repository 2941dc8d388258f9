"""Drafting: templates, slot filling, numbering, assembling a draft, rendering it
(txt, md, docx) and draft files. Never imports mining or jieba."""
