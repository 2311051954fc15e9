#include "widgets/common/dataset_image.h"

#include <cstring>

QImage datasetImage(const std::uint8_t* pixels, int rows, int cols, int channels) {
    if (channels == 3) {
        const std::size_t plane = std::size_t(rows) * cols;
        QImage img(cols, rows, QImage::Format_RGB888);
        for (int y = 0; y < rows; ++y) {
            uchar* line = img.scanLine(y);
            for (int x = 0; x < cols; ++x)
                for (int c = 0; c < 3; ++c)
                    line[3 * x + c] = pixels[std::size_t(c) * plane + std::size_t(y) * cols + x];
        }
        return img;
    }
    QImage img(cols, rows, QImage::Format_Grayscale8);  // the first plane of any other count
    for (int y = 0; y < rows; ++y)
        std::memcpy(img.scanLine(y), pixels + std::size_t(y) * cols, std::size_t(cols));
    return img;
}
