"""The data package -> problems, each naming its file, row and field; nothing is built from data with one."""
