"""Use cases of intake: the applicant looked up, a new household file and case, Excel ledgers."""
