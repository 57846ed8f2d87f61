# A course site in Sphinx that embeds the lab's widgets (docs/embedding.md).
# Before `sphinx-build`, copy `tools/lab pack`'s ml-lab-widgets/ folder to _static/lab/ and the
# widget files with their data to _static/widgets/ (tests/e2e/site-generators.test.mjs does);
# html_static_path copies both into the built site's _static/.
project = 'Course site (Sphinx example)'
html_theme = 'alabaster'
html_static_path = ['_static']
html_css_files = ['host.css']
exclude_patterns = ['_build']
