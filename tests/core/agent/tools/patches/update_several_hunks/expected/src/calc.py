import math
import sys


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def div(a, b):
    if b == 0:
        raise ZeroDivisionError("b is zero")
    return a / b


def area(r):
    return math.pi * r * r


if __name__ == "__main__":
    print(add(1, 2), file=sys.stdout)
