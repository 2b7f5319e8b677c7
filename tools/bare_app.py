"""A bare Streamlit app: a title and a line of text, nothing read, nothing drawn.

`python -m oversight bench --browser` measures its first page in a fresh browser beside the
dashboard's, on a running and on a just-started server, in the same run: what Streamlit itself
costs to open on this machine, the floor the dashboard's first page is read against."""

import streamlit as st

st.title("Bare Streamlit app")
st.write("The floor for a first page: nothing is read and nothing is drawn.")
