import UnderstudySQLite; import ArgumentParser; print(P2.v())
