from communs.cli import console

console()
