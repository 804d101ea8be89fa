# The RNN training kernels' checks (rnn_tests.cu), beside the projUNN kernels' Makefile:
#   make -C native-tests -f rnn.mk cpu-check   g++ and the CPU emulation in emu/: no nvcc, no GPU
#   make -C native-tests -f rnn.mk run         nvcc build run on a GPU (SKIP and exit 0 without one)
#   make -C native-tests -f rnn.mk device DEST=dir   the nvcc binary for sm_90 only, into dir
#   make -C native-tests -f rnn.mk contract   the launch-contract check (contract/, from the kernels
#                                   branch) of the RNN entry points against RnnKernels.java (needs nvcc)
NVCC ?= $(shell command -v nvcc 2>/dev/null || echo /usr/local/cuda/bin/nvcc)
ARCH ?= -gencode arch=compute_80,code=sm_80 -gencode arch=compute_90,code=sm_90
CXX ?= g++
BUILD := build
SOURCES := rnn_tests.cu pjt_device.h ../kernels/projunn_rnn_kernels.cu $(wildcard ../kernels/rnn_*.cuh)

all: $(BUILD)/rnn_tests

$(BUILD)/rnn_tests: $(SOURCES)
	@mkdir -p $(BUILD)
	$(NVCC) -std=c++17 -O2 $(ARCH) -I../kernels -o $@ rnn_tests.cu

run: $(BUILD)/rnn_tests
	./$(BUILD)/rnn_tests

# -U_FORTIFY_SOURCE: the emulation's fibers switch stacks with _longjmp, which fortify rejects
$(BUILD)/rnn_tests_emu: $(SOURCES) emu/cuda_emu.h emu/cuda_runtime.h
	@mkdir -p $(BUILD)
	$(CXX) -std=c++17 -O2 -U_FORTIFY_SOURCE -Iemu -I../kernels -x c++ -o $@ rnn_tests.cu

cpu-check: $(BUILD)/rnn_tests_emu
	./$(BUILD)/rnn_tests_emu

DEST ?= $(BUILD)/device
device: $(SOURCES)
	@mkdir -p $(DEST)
	$(NVCC) -std=c++17 -O2 -lineinfo -gencode arch=compute_90,code=sm_90 -I../kernels -o $(DEST)/rnn_tests rnn_tests.cu

contract:
	@mkdir -p $(BUILD)
	$(NVCC) -std=c++17 -O3 --ptx -arch=compute_90 -I../kernels -o $(BUILD)/projunn_rnn_kernels.ptx ../kernels/projunn_rnn_kernels.cu
	python3 contract/check-launch-contract.py --ptx $(BUILD)/projunn_rnn_kernels.ptx \
	  --java ../src/cuda/main/java/org/projunn/cuda/RnnKernels.java

.PHONY: all run cpu-check device contract
