"""Use cases of data matching (信息比对): other departments' lists, flags and their answers."""
