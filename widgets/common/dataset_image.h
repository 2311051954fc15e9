#pragma once
// One image of a dataset as a QImage: `channels` planes of rows x cols bytes, channel-major as the network
// sees them (core/dataset.h): one plane is grey (light ink on black for MNIST), three are red, green, blue.
#include <QImage>
#include <cstdint>

QImage datasetImage(const std::uint8_t* pixels, int rows, int cols, int channels = 1);
