import math


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def div(a, b):
    return a / b


def area(r):
    return 3.14 * r * r


if __name__ == "__main__":
    print(add(1, 2))
