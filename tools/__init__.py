"""Tools around the product, outside its import path: the benchmark (`bench`, its frame in
`bench_floor`), the synthetic data generator (`synth`), the PEEL grades curation (`curate_peel`),
page screenshots (`screenshots`) and the browser helpers they and the browser tests share
(`browser`). `python -m oversight synth|bench|screenshots` imports them when the command runs; the
app's modules (oversight/, pages/, dashboard.py) never import them (tests/test_layout.py)."""
