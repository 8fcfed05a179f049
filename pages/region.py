import streamlit as st

st.title("Divide")
st.info("Coming soon.")
