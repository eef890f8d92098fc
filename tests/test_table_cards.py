"""scripts/render/table_cards.py: each cell of a wide table names its column, escaped, whatever the heading holds."""

from scripts.render.table_cards import with_cell_labels

TABLE = (
    '<table>\n<thead>\n<tr>\n<th>{a}</th>\n<th>B</th>\n<th scope="col">C</th>\n</tr>\n</thead>\n<tbody>\n'
    '<tr>\n<td>1</td>\n<td align="right">2</td>\n<td>3</td>\n</tr>\n<tr><td>4</td><td>5</td><td>6</td></tr>\n</tbody>\n</table>'
)


def test_every_cell_of_a_wide_table_names_its_column():
    page = with_cell_labels("<p>before</p>" + TABLE.format(a="A") + "<p>after</p>")
    assert page.startswith("<p>before</p><table data-cards>") and page.endswith("<p>after</p>")
    assert page.count('data-label="A"') == page.count('data-label="B"') == page.count('data-label="C"') == 2
    assert '<td data-label="B" align="right">2</td>' in page


def test_a_heading_is_plain_escaped_text_in_the_attribute():
    page = with_cell_labels(TABLE.format(a='<a href="x">Name</a> &amp; "quoted" <b>&lt;b&gt;</b>'))
    assert 'data-label="Name &amp; &quot;quoted&quot; &lt;b&gt;"' in page


def test_narrow_tables_and_tables_without_a_head_are_left_as_they_are():
    narrow = "<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
    headless = "<table><tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>"
    assert with_cell_labels(narrow) == narrow
    assert with_cell_labels(headless) == headless


def test_labelling_twice_changes_nothing():
    once = with_cell_labels(TABLE.format(a="A"))
    assert with_cell_labels(once) == once
