package com.dispatchconsole.domain;

public enum VehicleType {
    BICYCLE, SCOOTER, MOTORBIKE, CAR, VAN
}
