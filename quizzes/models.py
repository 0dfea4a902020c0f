# Study items, reviews and classrooms arrive with their issues; the roles live in roles.py.
